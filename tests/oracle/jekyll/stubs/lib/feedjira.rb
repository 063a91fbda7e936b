# stub: Debian lacks gem feedjira, which al-folio's _plugins/external-posts.rb requires.
# That plugin only fetches posts when `external_sources:` is set; the oracle never does.
module Feedjira
  def self.parse(_xml) = raise("feedjira stub: no network in the oracle")
end
