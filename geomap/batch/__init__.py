"""Many documents: the engines that parse them, their digests, the situation store, linking and the build."""
