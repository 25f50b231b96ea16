Feature: Create, change and delete one product
  A shop keeps its catalog up to date one product at a time. Every change names the version of the
  product that its author saw, so that no one overwrites a change they never saw.

  Scenario: A new product is listed
    When I create the product "LAMP-1" named "Desk lamp" in category "home" at "19.99" with 3 in stock
    Then the product "LAMP-1" is listed at "19.99"

  Scenario: A change to the version I saw applies
    Given I created the product "LAMP-1" named "Desk lamp" in category "home" at "19.99" with 3 in stock
    When I change the price of "LAMP-1" to "24.50" naming the version I saw
    Then the product "LAMP-1" is listed at "24.50"

  Scenario: A change to a version that is gone is refused
    Given I created the product "LAMP-1" named "Desk lamp" in category "home" at "19.99" with 3 in stock
    And someone else changed the price of "LAMP-1" to "21.00"
    When I change the price of "LAMP-1" to "24.50" naming the version I saw
    Then the change is refused as stale
    And the product "LAMP-1" is listed at "21.00"

  Scenario: A sku is one product's
    Given I created the product "LAMP-1" named "Desk lamp" in category "home" at "19.99" with 3 in stock
    When I create the product "LAMP-1" named "Floor lamp" in category "home" at "49.00" with 1 in stock
    Then the creation is refused as a conflict

  Scenario: A deleted product is gone
    Given I created the product "LAMP-1" named "Desk lamp" in category "home" at "19.99" with 3 in stock
    When I delete "LAMP-1" naming the version I saw
    Then the product "LAMP-1" is not listed
