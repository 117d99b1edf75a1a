"""The classroom page (`korea1950 app`): a SolaraViz page over the lockstep model."""
