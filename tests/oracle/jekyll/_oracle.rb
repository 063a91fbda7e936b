# booklint's Jekyll oracle.
#
# Copied into a build's _plugins/ by oracle.py: after `jekyll build` it writes one JSON
# file (path in $BOOKLINT_ORACLE_OUT) saying what Jekyll served: pages and documents with
# their source and URL, static files, and for each Markdown page the heading ids, math
# and raw HTML blocks kramdown produced. kramdown_dump.rb loads this file to do the same
# for a single Markdown file without Jekyll.
require "json"
require "cgi"
require "kramdown"

module BooklintOracle
  module_function

  HEADING_RE = %r{<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1\s*>}m.freeze

  def strip_tags(html)
    CGI.unescapeHTML(html.gsub(/<[^>]*>/, "")).strip
  end

  # kramdown's HTML converter, recording the id it gives each Markdown heading.
  class HeaderRecorder < Kramdown::Converter::Html
    attr_reader :recorded

    def initialize(root, options)
      super
      @recorded = []
    end

    def convert_header(el, indent)
      out = super
      @recorded << { "level" => el.options[:level], "id" => out[/\A\s*<h\d[^>]*\sid="([^"]*)"/, 1],
                     "line" => el.options[:location], "raw_text" => el.options[:raw_text] }
      out
    end
  end

  def walk(el, parent = nil, &blk)
    yield el, parent
    el.children.each { |c| walk(c, el, &blk) }
  end

  # Facts about one kramdown document: `root`/`options` from the parse, `src` its input,
  # `html` what the page's converted content is (defaults to kramdown's own output).
  def analyze(root, options, src, html = nil)
    opts = Kramdown::Options.merge(options.merge(root.options[:options] || {}))
    rec = HeaderRecorder.send(:new, root, opts)
    own_html = rec.convert(root)
    html ||= own_html
    src_lines = src.split("\n", -1)

    md_heads = rec.recorded.dup
    headings = html.scan(HEADING_RE).map do |level, attrs, inner|
      id = attrs[/\sid="([^"]*)"/, 1]
      h = { "level" => level.to_i, "id" => id && CGI.unescapeHTML(id), "text" => strip_tags(inner) }
      if id && (i = md_heads.index { |m| m["id"] == h["id"] && m["level"] == h["level"] })
        m = md_heads.delete_at(i)
        h["origin"] = "markdown"
        h["line"] = m["line"]
        h["raw_text"] = m["raw_text"]
      else
        h["origin"] = "html" # raw HTML in the page, or HTML pasted in by a Liquid tag
      end
      h
    end

    starts = []
    walk(root) { |el, _| starts << [el.options[:location], el.object_id] if el.options[:location] }
    starts.sort_by!(&:first)
    math = []
    dollar_text = []
    html_blocks = []
    walk(root) do |el, parent|
      case el.type
      when :math
        display = el.options[:category] == :block
        math << { "tex" => el.value, "display" => display, "line" => el.options[:location],
                  "html" => display ? "\\[#{el.value}\\]" : "\\(#{el.value}\\)",
                  "parent" => parent && parent.type.to_s }
      when :text
        if el.value.include?("$")
          dollar_text << { "text" => el.value, "line" => el.options[:location],
                           "parent" => parent && parent.type.to_s }
        end
      when :html_element
        # blocks of the Markdown, not elements nested inside another raw HTML element
        next unless el.options[:category] == :block && parent&.type != :html_element

        html_blocks << html_block_entry(el, parent, src_lines, starts)
      end
    end

    { "headings" => headings, "math" => math, "dollar_text" => dollar_text,
      "html_blocks" => html_blocks, "html_math" => scan_html_math(html),
      "links" => html.scan(/\s(href|src)="([^"]*)"/).map { |a, v| { "attr" => a, "value" => CGI.unescapeHTML(v) } } }
  end

  # A raw HTML block ends on the last non-blank line before the next element that kramdown
  # located (outside the block itself); kramdown records no end line.
  def html_block_entry(el, parent, src_lines, starts)
    line = el.options[:location]
    inside = []
    walk(el) { |d, _| inside << d.object_id }
    nxt = starts.find { |loc, id| line && loc > line && !inside.include?(id) }
    last = nxt ? nxt[0] - 1 : src_lines.size
    last -= 1 while line && last > line && src_lines[last - 1].to_s.strip.empty?
    { "tag" => el.value, "line" => line, "end_line" => line && last,
      "first_line" => line ? src_lines[line - 1] : nil,
      "parent" => parent ? parent.type.to_s : nil,
      "has_dollar" => line ? src_lines[(line - 1)...last].to_a.join("\n").include?("$") : nil }
  end

  # Every \(...\) and \[...\] in converted HTML, outside <pre>/<code>: what MathJax sees
  # besides $...$ (includes math that came from HTML pasted in by Liquid tags).
  def scan_html_math(html)
    clean = html.gsub(%r{<(pre|code)\b.*?</\1>}m) { |m| " " * m.size }
    clean.scan(/\\\[(.*?)\\\]|\\\((.*?)\\\)/m).map do |blk, inl|
      { "tex" => CGI.unescapeHTML(blk || inl), "display" => !blk.nil? }
    end
  end

  # Map each line of Liquid's output back to the source file line it copies, if any:
  # a greedy forward match of identical non-blank lines.
  def line_map(rendered, raw, offset)
    raw_lines = raw.split("\n", -1)
    p = 0
    rendered.split("\n", -1).map do |l|
      next nil if l.strip.empty?

      j = (p...[raw_lines.size, p + 400].min).find { |k| raw_lines[k] == l }
      next nil unless j

      p = j + 1
      j + 1 + offset
    end
  end
end

if defined?(Jekyll::Hooks)
  module BooklintOracle
    STUB_LIB = File.expand_path(ENV["BOOKLINT_ORACLE_STUB_LIB"] || "stubs/lib", __dir__)
    @plugins_loaded = []

    class << self
      attr_reader :plugins_loaded
    end

    # A real build runs under `bundle exec`: Bundler then requires every gem of the
    # Gemfile's :jekyll_plugins group, even one missing from _config.yml's `plugins:`
    # (the ICLR site gets jekyll-redirect-from that way). The oracle runs without Bundler,
    # so it requires that group here, from Debian's gems or our stubs.
    def self.require_gemfile_plugins(gemfile)
      return unless File.file?(gemfile)

      in_group = false
      File.foreach(gemfile) do |line|
        code = line.sub(/#.*/, "")
        in_group = true if code =~ /^\s*group\b.*:jekyll_plugins\b.*\bdo\b/
        next unless in_group

        in_group = false if code =~ /^\s*end\b/
        name = code[/^\s*gem\s+["']([^"']+)["']/, 1] or next
        begin
          require name
        rescue LoadError
          begin
            require name.tr("-", "/")
          rescue LoadError => e
            Jekyll.logger.warn "booklint oracle:", "cannot load Gemfile plugin #{name}: #{e.message}"
            next
          end
        end
        @plugins_loaded << name
      end
    end

    def self.stubbed_features
      $LOADED_FEATURES.select { |f| f.start_with?(STUB_LIB) }
                      .map { |f| f.delete_prefix(STUB_LIB + "/").delete_suffix(".rb") }.sort
    end
  end
  BooklintOracle.require_gemfile_plugins(File.join(Dir.pwd, "Gemfile"))

  # Remember the kramdown document of the page being converted (not those that Liquid
  # tags such as {% details %} convert while the page's Liquid is rendered).
  module BooklintOracleRendererHook
    def convert(content)
      Thread.current[:booklint_oracle_main] = true
      Thread.current[:booklint_oracle_doc] = nil
      super
    ensure
      Thread.current[:booklint_oracle_main] = false
    end
  end
  Jekyll::Renderer.prepend(BooklintOracleRendererHook)

  module BooklintOracleKramdownHook
    def initialize(source, options = {})
      super
      Thread.current[:booklint_oracle_doc] = [source, self] if Thread.current[:booklint_oracle_main]
    end
  end
  Kramdown::JekyllDocument.prepend(BooklintOracleKramdownHook)

  module BooklintOracle
    FM_RE = /\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)/m.freeze
    @converted = {}

    class << self
      attr_reader :converted
    end

    class Urls
      include Jekyll::Filters::URLFilters
      def initialize(site)
        @context = Liquid::Context.new({}, {}, { :site => site })
      end
    end

    module_function

    def markdown?(site, item)
      md = site.find_converter_instance(Jekyll::Converters::Markdown)
      item.respond_to?(:extname) && md.matches(item.extname.to_s)
    end

    def source_rel(site, item)
      abs = item.respond_to?(:path) ? item.path.to_s : ""
      return nil if abs.empty? || !File.file?(abs)

      abs.delete_prefix(site.source + "/")
    end

    def record_convert(item)
      site = item.site
      return unless markdown?(site, item)

      src, kdoc = Thread.current[:booklint_oracle_doc]
      Thread.current[:booklint_oracle_doc] = nil
      return unless kdoc

      facts = analyze(kdoc.root, kdoc.options, src, item.content.to_s)
      rel = source_rel(site, item)
      if rel
        raw = File.read(site.in_source_dir(rel), :encoding => "UTF-8")
        offset = 0
        if (m = FM_RE.match(raw))
          offset = m[0].count("\n")
          raw = m.post_match
        end
        map = line_map(src, raw, offset)
        facts.each_value do |list|
          list.each do |e|
        e["file_line"] = e["line"] ? map[e["line"] - 1] : nil if e.key?("line")
        e["file_end_line"] = map[e["end_line"] - 1] if e["end_line"]
      end
        end
        facts["liquid_changed_text"] = src != raw
      end
      @converted[item] = facts
    end

    def toc_anchors(output)
      block = output.to_s[%r{<d-contents>.*?</d-contents>}m]
      return nil unless block

      block.scan(%r{<a\s[^>]*href="#([^"]*)"[^>]*>(.*?)</a>}m).map do |href, inner|
        { "href" => CGI.unescapeHTML(href), "name" => strip_tags(inner) }
      end
    end

    def dump(site)
      urls = Urls.new(site)
      dest = site.dest + "/"
      written = []
      items = site.pages + site.collections.values.flat_map(&:docs)
      pages = items.select(&:write?).map do |item|
        rel = source_rel(site, item)
        out = item.destination(site.dest).delete_prefix(dest)
        written << rel if rel
        e = {
          "relative_path" => rel,
          "jekyll_relative_path" => item.relative_path.to_s,
          "kind" => item.is_a?(Jekyll::Document) ? "document" : "page",
          "class" => item.class.name,
          "collection" => item.respond_to?(:collection) && item.collection ? item.collection.label : nil,
          "url" => item.url,
          "url_with_baseurl" => urls.relative_url(item.url),
          "output_path" => out,
          "markdown" => markdown?(site, item),
          "published" => item.data.fetch("published", true) != false,
          "layout" => item.data["layout"],
          "generated" => rel.nil?,
        }
        %w(permalink redirect_to redirect_from).each { |k| e[k] = item.data[k] if item.data[k] }
        if (anchors = toc_anchors(item.output))
          e["toc_anchors"] = anchors
        end
        if (facts = @converted[item])
          e.merge!(facts)
        end
        e
      end
      statics = site.static_files.map do |sf|
        written << sf.relative_path.to_s.delete_prefix("/") if sf.write?
        { "relative_path" => sf.relative_path.to_s.delete_prefix("/"), "url" => sf.url,
          "url_with_baseurl" => urls.relative_url(sf.url), "written" => sf.write?,
          "collection" => sf.respond_to?(:collection) && sf.collection ? sf.collection.label : nil }
      end
      md_sources = Dir.glob("**/*.{md,markdown}", :base => site.source).reject do |f|
        f.start_with?(site.dest.delete_prefix(site.source + "/") + "/")
      end
      {
        "jekyll_version" => Jekyll::VERSION,
        "kramdown_version" => Kramdown::VERSION,
        "baseurl" => site.baseurl,
        "permalink" => site.permalink_style.to_s,
        "kramdown_options" => site.config["kramdown"],
        "config_plugins" => site.config["plugins"],
        "gemfile_plugins" => BooklintOracle.plugins_loaded,
        "stubs_loaded" => stubbed_features,
        "pages" => pages.sort_by { |e| e["url"] },
        "static_files" => statics.sort_by { |e| e["relative_path"] },
        "markdown_not_written" => (md_sources - written).sort,
      }
    end
  end

  Jekyll::Hooks.register [:pages, :documents], :post_convert do |item|
    BooklintOracle.record_convert(item)
  end

  Jekyll::Hooks.register :site, :post_write do |site|
    out = ENV["BOOKLINT_ORACLE_OUT"] || File.join(site.dest, "..", "oracle.json")
    File.write(out, JSON.pretty_generate(BooklintOracle.dump(site)) + "\n")
    Jekyll.logger.info "booklint oracle:", out
  end
end
