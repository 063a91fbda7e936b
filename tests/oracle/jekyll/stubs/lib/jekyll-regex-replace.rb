# stub: Debian lacks gem jekyll-regex-replace; it does not change URLs, heading ids or math.
# Same two filters as the gem, written here in a few lines.
require "jekyll"

module OracleStubRegexReplace
  def regex_replace(str, pattern, replacement) = str.to_s.gsub(Regexp.new(pattern), replacement.to_s)
  def regex_replace_once(str, pattern, replacement) = str.to_s.sub(Regexp.new(pattern), replacement.to_s)
end
Liquid::Template.register_filter(OracleStubRegexReplace)
