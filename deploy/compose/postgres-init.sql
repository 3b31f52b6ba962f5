-- One PostgreSQL server, one database per service that has one (ARCHITECTURE "Services and ports").
CREATE DATABASE tabelogo_auth;
CREATE DATABASE tabelogo_restaurant;
CREATE DATABASE tabelogo_spider;
