"""Search: the analyzer, the embedder, the index on disk and the retriever that ranks passages."""
