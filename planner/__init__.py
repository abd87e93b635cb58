"""sla-planner: can the promises in a client brief be kept with the people an agency has?

The library is the product; the CLI (`planner.cli.commands`) and the Streamlit app are thin shells.
Data flows one way: ``io`` → ``model`` → ``calendar`` → ``scheduler`` → ``plan`` → ``validate``.
"""

__version__ = "0.1.0"
