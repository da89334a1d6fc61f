"""The run-time texts, one table per language (en.py, ko.py), looked up by i18n.text()."""
