# A plan of the environment with the AWS provider mocked (no account): every reference between modules resolves,
# every variable's validation and precondition holds, and every count and for_each is known at plan time.
# TerraformPlanTest copies it into envs/<env>/tests and runs `terraform test`.

mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = { names = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"] }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_region" {
    defaults = { name = "ap-northeast-1", region = "ap-northeast-1" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
}

variables {
  image_tag   = "1.0.0"
  domain_name = "tabelogo.example"
}

run "plan" {
  command = plan
}
