"""Citations: formatted references (APA, Chicago, MLA), BibTeX, RIS and CSL-JSON downloads for
a publication, an issue or a search, DOIs, and Crossref deposits (the XML and sending it)."""
