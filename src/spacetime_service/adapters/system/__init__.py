"""The operating system's clock and randomness behind the Clock and IdGenerator ports."""
