Feature: List products page by page
  A client walks a large catalog with keyset pages: each page ends with a cursor, and the next page
  starts strictly after it, so pages never skip or repeat a product.

  Background:
    Given a catalog of 250 products

  Scenario: Walking every page visits each product exactly once
    When I list products 40 at a time sorted by "price"
    Then I see 250 products in total
    And no product appears twice
    And the prices never decrease

  Scenario: Filtering by category and price
    When I list products in category "books" priced between "5.00" and "50.00"
    Then every product listed is in category "books"
    And every price listed is between "5.00" and "50.00"

  Scenario: An altered cursor is refused
    When I list products with the cursor "not-a-real-cursor"
    Then the request is refused because of "cursor"

  Scenario: Sorting on a field outside the allow-list is refused
    When I list products sorted by "description"
    Then the request is refused because of "sort"
