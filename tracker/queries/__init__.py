"""The read side: select() builders and small result dataclasses."""
