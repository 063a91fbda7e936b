# stub theme plugin: the scaling books ship without al-folio's _plugins/ folder, and
# al-folio's {% details summary %}...{% enddetails %} tag lives there. Same behaviour,
# our own lines: summary and body are each converted with the site's Markdown converter
# (a separate kramdown run, so heading ids inside a body are numbered on their own),
# then pasted as one raw HTML block into the page before the page itself is converted.
# Only copied into a build whose site has no _plugins/details.rb.
require "jekyll"

module BooklintOracleStub
  class DetailsBlock < Liquid::Block
    def initialize(tag_name, markup, tokens)
      super
      @summary = markup
    end

    def render(context)
      md = context.registers[:site].find_converter_instance(::Jekyll::Converters::Markdown)
      summary = md.convert(@summary).gsub(%r{</?p[^>]*>}, "").chomp
      "<details><summary>#{summary}</summary>#{md.convert(super)}</details>"
    end
  end
end
Liquid::Template.register_tag("details", BooklintOracleStub::DetailsBlock)
