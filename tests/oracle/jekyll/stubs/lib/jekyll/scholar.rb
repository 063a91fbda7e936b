# stub: Debian lacks gem jekyll-scholar; it does not change URLs, heading ids or math.
# Its tags ({% bibliography %}, {% cite %}, {% reference %}, ...) render nothing here.
require "jekyll"

module OracleStub
  class NothingTag < Liquid::Tag
    def render(_context) = ""
  end

  class NothingBlock < Liquid::Block
    def render(_context) = ""
  end
end

%w(bibliography bibliography_count cite citation reference cite_details quote_details
   bibtex details_link).each { |t| Liquid::Template.register_tag(t, OracleStub::NothingTag) }
