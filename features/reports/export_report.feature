Feature: Generate a report and download it
  A report over the order history runs as a job that writes its file chunk by chunk. Once the job has
  succeeded, its owner downloads the file by the report's id, with its name, its media type and an
  ETag that is the SHA-256 of its bytes; over HTTP also in byte ranges. Revenue and product sales count
  only the orders placed or shipped.

  Background:
    Given a catalog of 20 products
    And an order history of 900 orders between "2025-01-01" and "2025-03-31"

  Scenario: A daily stats report has a line for every day of the range
    Given the service runs its jobs
    When I submit a "daily_stats" report from "2025-01-01" to "2025-03-31" as "csv"
    Then the job succeeds on attempt 1
    And the report's progress is 90 of 90 days
    When I download the report
    Then the file is "daily_stats_2025-01-01_2025-03-31.csv" of type "text/csv; charset=utf-8" with the SHA-256 of its bytes as ETag
    And the file starts with the header "date,orders,revenue,unique_customers,returned_orders"
    And the file has one line for each day from "2025-01-01" to "2025-03-31"
    And its orders add up to 900
    And the file equals the daily stats streamed for the same days

  Scenario: Product sales per month, as gzip NDJSON
    Given the service runs its jobs
    When I generate a "product_sales" report per "month" from "2025-01-01" to "2025-03-31" as gzip "ndjson"
    Then the job succeeds on attempt 1
    When I download the report
    Then the file is "product_sales_2025-01-01_2025-03-31.ndjson.gz" of type "application/gzip" with the SHA-256 of its bytes as ETag
    And every line of the unzipped file has the keys "product_id,sku,period,orders,units,revenue"
    And the periods are "2025-01,2025-02,2025-03"
    And its units add up to the quantities of the placed and shipped orders

  Scenario: A report is downloaded only once it succeeded, and only by its owner
    When I submit a "daily_stats" report from "2025-01-01" to "2025-01-31" as "csv"
    And I download the report
    Then the download is refused as a conflict
    When the service runs its jobs
    Then the job succeeds on attempt 1
    And "mallory" cannot find the report

  @http
  Scenario: Downloading a report over HTTP in two byte ranges
    When a client generates a "daily_stats" report from "2025-01-01" to "2025-03-31" over HTTP and downloads it whole and in two ranges
    Then the whole download has the SHA-256 of its bytes as ETag
    And the first range is answered with 206 and the bytes 0 to 99
    And the two ranges put together equal the whole download
