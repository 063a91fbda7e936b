# stub: Debian lacks gem jekyll-email-protect; it does not change URLs, heading ids or math.
# Its filter `encode_email` returns its input unchanged here.
require "jekyll"

module OracleStubEmailProtect
  def encode_email(input) = input
end
Liquid::Template.register_filter(OracleStubEmailProtect)
