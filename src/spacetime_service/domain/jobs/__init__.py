"""Jobs: durable records of long work, their status machine, leases fenced by attempt, progress and ETA."""
