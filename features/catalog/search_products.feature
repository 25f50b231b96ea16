Feature: Search products by text
  Search matches text in a product's name, description or sku, ignoring case, with the same filters and
  pages as the listing. Pattern characters in the text match themselves.

  Background:
    Given a catalog of 120 products
    And a product named "Ultra 100% Cotton Shirt" in category "clothing"

  Scenario: Finding a product by part of its name
    When I search for "cotton shirt"
    Then the results include "Ultra 100% Cotton Shirt"

  Scenario: Percent signs match literally
    When I search for "100%"
    Then the results include "Ultra 100% Cotton Shirt"
    And every result contains "100%"

  Scenario: A blank search is refused
    When I search for "   "
    Then the request is refused because of "q"
