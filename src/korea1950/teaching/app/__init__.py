"""The classroom page (`korea1950 app`): a Solara page of its own over cached ensembles."""
