"""Service: the FastAPI app that answers questions, shows sources and serves the widget."""
