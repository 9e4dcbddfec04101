"""The blocks every page body is made of."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript", "subscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(choices=[("h2", "Section"), ("h3", "Subsection")], default="h2")

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=500)

    class Meta:
        icon = "image"
        template = "components/blocks/figure.html"


class Table(TableBlock):
    """Wagtail's table, rendered without the page's template context.

    TableBlock copies the whole context into a dict on every render, which resolves every lazy
    context processor (site settings included) and cost about 4 ms a table; the table template
    needs only the value.
    """

    def render(self, value, context=None):
        return super().render(value, context=None)


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_FEATURES, template="components/blocks/paragraph.html"
    )
    quote = QuoteBlock()
    image = FigureBlock()
    table = Table(template="components/blocks/table.html")
    embed = EmbedBlock(help_text="A video or post from a site that offers embedding (oEmbed).")


class RecommendationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=255)
    text = blocks.RichTextBlock(features=RICH_FEATURES)

    class Meta:
        icon = "tick"
