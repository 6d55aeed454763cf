-- Runs once, when the Postgres volume is first created: the resource service keeps its data apart.
CREATE DATABASE keyhold_resource;
