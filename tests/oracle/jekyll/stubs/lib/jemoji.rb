# stub: Debian lacks gem jemoji; it does not change URLs, heading ids or math.
# The real gem turns :emoji: text into <img> after rendering; here text stays as is.
require "jekyll"

module OracleStubJemoji
  def emojify(input) = input
end
Liquid::Template.register_filter(OracleStubJemoji)
