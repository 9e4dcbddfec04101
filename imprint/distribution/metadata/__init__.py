"""Page metadata: Highwire (Google Scholar), Dublin Core, Open Graph, Twitter cards, schema.org
JSON-LD and canonical links in every public page's head (``build.render_head``), and the
sitemap (``sitemaps``)."""
