"""The feedback workbook and where feedback workbooks live."""
