Feature: Access to the service
  A service that requires credentials serves only callers that bring a valid API key, each within the
  scopes of its key. What an owner makes is its own: another owner cannot see it. A revoked key stops
  working at once.

  Background:
    Given the service requires a credential

  @http
  Scenario: A client without a key is refused
    When a client without a key lists its jobs
    Then the client is refused as unauthenticated

  @http
  Scenario: An owner sees only its own jobs
    Given "alice" has a key
    And "bob" has a key
    When "alice" generates a report
    And "bob" generates a report
    Then "alice" lists only the job "alice" submitted
    And "bob" lists only the job "bob" submitted
    And "bob" cannot find the job "alice" submitted

  @http
  Scenario: A key that lacks a scope is forbidden
    Given "carol" has a key with the scopes "jobs:read"
    When "carol" generates a report
    Then the client is forbidden for lack of "reports:write"
    When "carol" lists its jobs
    Then the client is answered

  @http
  Scenario: A revoked key stops working
    Given "dave" has a key
    When "dave" lists its jobs
    Then the client is answered
    When the key of "dave" is revoked
    And "dave" lists its jobs
    Then the client is refused as unauthenticated
