# Usage: ruby kramdown_html.rb FILE.md...  -> writes FILE.md.html for each
# kramdown's HTML of a page as Jekyll would convert it (GFM input), with the front matter
# dropped, Liquid replaced by a placeholder (Jekyll runs it before kramdown) and booklint's own
# comments removed, so two versions of a page compare equal when only those comments differ.
require "kramdown"
begin
  require "kramdown-parser-gfm"
rescue LoadError
  nil
end
ARGV.each do |f|
  t = File.read(f, encoding: "UTF-8")
  t = t.sub(/\A---[ \t]*\n.*?\n---[ \t]*\n/m, "")
  t = t.gsub(/\{\{.*?\}\}|\{%.*?%\}/m, "LIQ")
  html = Kramdown::Document.new(t, input: "GFM", hard_wrap: false, auto_ids: true, math_engine: nil,
                                syntax_highlighter: nil).to_html
  html = html.gsub(/<!-- booklint-[^>]*-->/, "").gsub(/\s*(<[^>]*>)\s*/, '\1').gsub(/\s+/, " ")
  File.write(f + ".html", html)
end
