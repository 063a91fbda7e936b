# stub: al-folio's _plugins/external-posts.rb requires httparty (see feedjira.rb).
module HTTParty
  def self.get(*) = raise("httparty stub: no network in the oracle")
end
