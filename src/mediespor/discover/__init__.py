"""Discovery: turn each configured source into candidate URLs for the frontier."""
