#!/usr/bin/env ruby
# Usage: ruby kramdown_dump.rb FILE.md [CONFIG.yml]
#
# The kramdown half of the oracle, without Jekyll's build: strips FILE's front matter,
# parses the rest with the kramdown options Jekyll would use (the `kramdown:` key of
# CONFIG, by default the nearest _config.yml above FILE; Jekyll's defaults otherwise) and
# prints the same headings / math / dollar_text / html_blocks / html_math JSON as the
# site dump. Liquid is NOT rendered: {% ... %} and {{ ... }} stay as text.
require "jekyll"
require "json"
require_relative "_oracle"

file = ARGV[0] or abort("usage: kramdown_dump.rb FILE.md [CONFIG.yml]")
config_file = ARGV[1]
unless config_file
  dir = File.dirname(File.expand_path(file))
  loop do
    cand = File.join(dir, "_config.yml")
    break config_file = cand if File.file?(cand)
    break if dir == File.dirname(dir)

    dir = File.dirname(dir)
  end
end

config = Jekyll::Configuration::DEFAULTS.dup
config = Jekyll::Utils.deep_merge_hashes(config, Jekyll::Configuration.new.safe_load_file(config_file) || {}) if config_file
parser = Jekyll::Converters::Markdown::KramdownParser.new(config)
options = parser.instance_variable_get(:@config)

raw = File.read(file, :encoding => "UTF-8")
offset = 0
if (m = /\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)/m.match(raw))
  offset = m[0].count("\n")
  raw = m.post_match
end
doc = Kramdown::JekyllDocument.new(raw, options)
facts = BooklintOracle.analyze(doc.root, doc.options, raw)
facts.each_value do |list|
  list.each do |e|
    e["file_line"] = e["line"] && e["line"] + offset if e.key?("line")
    e["file_end_line"] = e["end_line"] + offset if e["end_line"]
  end
end
puts JSON.pretty_generate({ "file" => file, "config" => config_file,
                            "front_matter_lines" => offset }.merge(facts))
