# stub: Debian lacks gem jekyll-diagrams; it does not change URLs, heading ids or math.
# Its diagram blocks render nothing here.
require "jekyll"

class OracleStubDiagram < Liquid::Block
  def render(_context) = ""
end
%w(blockdiag seqdiag actdiag nwdiag rackdiag packetdiag erd graphviz mermaid nomnoml
   plantuml smcat svgbob syntrax vega vegalite wavedrom).each do |t|
  Liquid::Template.register_tag(t, OracleStubDiagram)
end
