"""Index: embeddings in FAISS, Dutch keyword search, and the one ``search`` everyone uses."""
