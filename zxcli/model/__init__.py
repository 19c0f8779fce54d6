"""Domain model: campaign, dossiers, gazetteer, calendar."""
