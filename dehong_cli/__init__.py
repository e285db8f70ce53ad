"""dehong: track the 2020 goals of 德发〔2017〕7号 against yearly reports."""

__version__ = "0.1.0"
