"""Product imports: reading an upload line by line, staging its valid rows, and the job that upserts them."""
