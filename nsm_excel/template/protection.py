"""Password hashes for sheet and workbook protection, as Excel writes them (SHA-512, salted, spun).

The hash is ``H0 = SHA-512(salt + UTF-16LE(password))``, then ``spin_count`` rounds of
``H = SHA-512(H + little-endian 4-byte round number)``; salt and hash are stored in base64.
"""

from __future__ import annotations

import base64
import hashlib
import os
import struct
from dataclasses import dataclass

ALGORITHM = "SHA-512"
SPIN_COUNT = 100_000


@dataclass(frozen=True)
class PasswordHash:
    algorithm: str
    hash_value: str
    salt_value: str
    spin_count: int


def hash_password(
    password: str, salt: bytes | None = None, spin_count: int = SPIN_COUNT
) -> PasswordHash:
    """The protection hash of ``password``; a fresh random 16-byte salt unless one is given."""
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.sha512(salt + password.encode("utf-16-le")).digest()
    for n in range(spin_count):
        digest = hashlib.sha512(digest + struct.pack("<I", n)).digest()
    return PasswordHash(
        ALGORITHM,
        base64.b64encode(digest).decode("ascii"),
        base64.b64encode(salt).decode("ascii"),
        spin_count,
    )


def verify(password: str, stored: PasswordHash) -> bool:
    """Whether ``password`` opens a protection stored as ``stored``."""
    salt = base64.b64decode(stored.salt_value)
    return hash_password(password, salt, stored.spin_count).hash_value == stored.hash_value
