"""OAI-PMH 2.0 at ``/oai/``: the institute's publications for harvesters (library catalogues,
aggregators, repositories), with the deletions they must learn about (docs/distribution/oai.md)."""
