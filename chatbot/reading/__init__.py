"""Reading documents: a corpus folder, its files, and the passages they become."""
