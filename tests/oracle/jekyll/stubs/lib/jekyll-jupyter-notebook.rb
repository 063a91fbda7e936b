# stub: Debian lacks gem jekyll-jupyter-notebook; it does not change URLs, heading ids or math.
# Its {% jupyter_notebook PATH %} tag renders nothing here (the real one runs nbconvert).
require "jekyll"

class OracleStubNotebook < Liquid::Tag
  def render(_context) = ""
end
Liquid::Template.register_tag("jupyter_notebook", OracleStubNotebook)
