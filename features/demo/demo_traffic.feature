Feature: Demo traffic
  On demo data the history ends at a fixed date, so the live analytics would show nothing. The demo
  traffic places new orders now, as customers would, and restocks what runs out.

  Scenario: The traffic places orders now and keeps stock from going negative
    Given a catalog of 10 products
    When the demo traffic places 60 orders
    Then the order history has 60 orders placed since the traffic started
    And every product still has stock of zero or more
    And the live summary of the last hour counts 60 orders
