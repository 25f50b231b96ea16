"""Files on a local (or shared POSIX) file system: written whole or not at all."""
