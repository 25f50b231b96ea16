Feature: Cancel a job
  A queued job is cancelled at once and never starts. A running job becomes cancelling and stops at its
  next chunk boundary: the chunk under way commits whole and no later one begins. A job whose worker
  died while it was being cancelled ends cancelled without running again. A finished job cannot be
  cancelled.

  Background:
    Given a catalog of 40 products
    And bulk updates change 10 products per chunk

  Scenario: A queued job is cancelled at once and never starts
    When I submit a bulk update that adds 7 to the stock of every product
    And I cancel the job
    Then the job is "cancelled"
    When the service runs its jobs
    And I submit a bulk update that adds 1 to the stock of every product
    Then the job succeeds on attempt 1
    And the stock of every product rose by exactly 1
    And the cancelled job never started

  Scenario: A running job stops at its next chunk boundary
    Given the service runs its jobs, holding a bulk update as its third chunk begins
    When I submit a bulk update that adds 7 to the stock of every product
    And I cancel the job while its third chunk is under way
    Then the job ends "cancelled"
    And the stock of the first 30 products rose by exactly 7, and no other stock changed
    And the job counted 30 changed products

  Scenario: A job whose worker died while it was being cancelled ends cancelled
    When I submit a bulk update that adds 7 to the stock of every product
    And a worker takes the job and dies as it commits chunk 3
    And I cancel the job
    Then the job is "cancelling"
    When the service starts again once the lease has expired
    Then the job ends "cancelled"
    And the stock of the first 20 products rose by exactly 7, and no other stock changed

  Scenario: A finished job cannot be cancelled
    Given the service runs its jobs
    When I submit a bulk update that adds 7 to the stock of every product
    And the job succeeds on attempt 1
    And I cancel the job
    Then the cancel is refused as a conflict
    And the stock of every product rose by exactly 7
