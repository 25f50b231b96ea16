"""Reports over the order history: requests, day chunks and the encoding of their lines."""
