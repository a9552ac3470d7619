"""One module per output document (docx, xlsx, pdf) and the submission bundle. No Qt here."""
