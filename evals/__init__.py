"""Evaluation runners: scorers, conformance against peer test suites, reports."""
