"""Events: what the sentences report, in ACLED's vocabulary, with their dates, actors, sites and sources."""
