"""What every stage shares: periods, values, issues and their catalogue, words, cells."""
