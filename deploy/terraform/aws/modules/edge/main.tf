# The public entry of the platform: an internet-facing Application Load Balancer (HTTP redirected to HTTPS, an ACM
# certificate, TLS 1.3 policy) in front of the gateway, a WAF web ACL on it, and its access and WAF logs kept.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id         = data.aws_caller_identity.current.account_id
  region             = data.aws_region.current.region
  partition          = data.aws_partition.current.partition
  create_certificate = var.certificate_arn == ""
  use_route53        = var.route53_zone_id != ""
  access_log_prefix  = "alb"
  waf_log_group_name = "aws-waf-logs-${var.name}"
  validation_options = flatten([for certificate in aws_acm_certificate.this : certificate.domain_validation_options])
  validation_records = { for option in local.validation_options : option.domain_name => option }
  certificate_arn    = local.create_certificate ? aws_acm_certificate_validation.this[0].certificate_arn : var.certificate_arn
}

# --- Security group: the world on 80 and 443, out only to the targets ---

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "The public load balancer: HTTP and HTTPS from anywhere, out to the gateway only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "http_ipv4" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from anywhere (redirected to HTTPS)"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  tags              = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "https_ipv4" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from anywhere"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  tags              = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "http_ipv6" {
  count             = var.dualstack ? 1 : 0
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from anywhere over IPv6 (redirected to HTTPS)"
  cidr_ipv6         = "::/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  tags              = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "https_ipv6" {
  count             = var.dualstack ? 1 : 0
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from anywhere over IPv6"
  cidr_ipv6         = "::/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  tags              = var.tags
}

# The targets' traffic port and their health check port; nothing else leaves the load balancer.
resource "aws_vpc_security_group_egress_rule" "targets" {
  for_each          = toset([tostring(var.target_port), tostring(var.health_check_port)])
  security_group_id = aws_security_group.alb.id
  description       = "To the gateway tasks on ${each.key}"
  cidr_ipv4         = var.vpc_cidr_block
  ip_protocol       = "tcp"
  from_port         = tonumber(each.key)
  to_port           = tonumber(each.key)
  tags              = var.tags
}

# --- Access logs ---

resource "aws_s3_bucket" "access_logs" {
  bucket        = "${var.name}-alb-logs-${local.account_id}"
  force_destroy = var.force_destroy_logs
  tags          = merge(var.tags, { Name = "${var.name}-alb-logs" })
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  bucket                  = aws_s3_bucket.access_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# No ACLs: the bucket owner owns every log object (load balancer log delivery works without ACLs).
resource "aws_s3_bucket_ownership_controls" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# SSE-S3, not KMS: "The only server-side encryption option that's supported is Amazon S3-managed keys (SSE-S3)" for
# Application Load Balancer access logs (Elastic Load Balancing user guide, "Enable access logs"); a KMS default
# would make log delivery fail silently.
resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    id     = "expire-access-logs"
    status = "Enabled"
    filter {}
    expiration {
      days = var.access_log_retention_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

# Regions opened before August 2022 (ap-northeast-1 among them) deliver logs as the region's Elastic Load Balancing
# account (582318560864 in Tokyo; the data source knows the list and fails in regions it does not know); newer
# regions as the logdelivery.elasticloadbalancing.amazonaws.com service principal. Both are granted so the policy is
# right in either kind of region, and only under this account's prefix.
data "aws_elb_service_account" "current" {
  count = var.legacy_elb_log_delivery_account ? 1 : 0
}

data "aws_iam_policy_document" "access_logs" {
  dynamic "statement" {
    for_each = data.aws_elb_service_account.current
    content {
      sid       = "ElbAccountWritesLogs"
      actions   = ["s3:PutObject"]
      resources = ["${aws_s3_bucket.access_logs.arn}/${local.access_log_prefix}/AWSLogs/${local.account_id}/*"]
      principals {
        type        = "AWS"
        identifiers = [statement.value.arn]
      }
    }
  }

  statement {
    sid       = "ElbLogDeliveryWritesLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.access_logs.arn}/${local.access_log_prefix}/AWSLogs/${local.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.access_logs.arn, "${aws_s3_bucket.access_logs.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  policy = data.aws_iam_policy_document.access_logs.json
  # S3 refuses concurrent changes to a bucket's access settings.
  depends_on = [aws_s3_bucket_public_access_block.access_logs]
}

# --- Load balancer ---

resource "aws_lb" "this" {
  name                       = "${var.name}-alb"
  load_balancer_type         = "application"
  internal                   = false
  ip_address_type            = var.dualstack ? "dualstack" : "ipv4"
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
  idle_timeout               = var.idle_timeout_seconds
  tags                       = merge(var.tags, { Name = "${var.name}-alb" })

  access_logs {
    bucket  = aws_s3_bucket.access_logs.id
    prefix  = local.access_log_prefix
    enabled = true
  }

  # Enabling access logs makes the load balancer write a test object: the policy must be there first.
  depends_on = [aws_s3_bucket_policy.access_logs]
}

resource "aws_lb_target_group" "gateway" {
  name                 = "${var.name}-gw"
  vpc_id               = var.vpc_id
  target_type          = "ip"
  protocol             = "HTTP"
  protocol_version     = "HTTP1"
  port                 = var.target_port
  deregistration_delay = var.deregistration_delay_seconds
  # Progress streams stay open for minutes: counting outstanding requests keeps new ones off the busiest gateway.
  load_balancing_algorithm_type = "least_outstanding_requests"
  tags                          = merge(var.tags, { Name = "${var.name}-gw" })

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = tostring(var.health_check_port)
    path                = var.health_check_path
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"
  tags              = merge(var.tags, { Name = "${var.name}-http" })

  default_action {
    type = "redirect"
    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = local.certificate_arn
  tags              = merge(var.tags, { Name = "${var.name}-https" })

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.gateway.arn
  }
}

# --- Certificate ---

resource "aws_acm_certificate" "this" {
  count             = local.create_certificate ? 1 : 0
  domain_name       = var.domain_name
  validation_method = "DNS"
  tags              = merge(var.tags, { Name = var.domain_name })

  # A replaced certificate stays on the listener until its successor is issued.
  lifecycle {
    create_before_destroy = true
  }
}

# Keyed by the domain (configuration) rather than by the certificate's options, which may be unknown until ACM answers.
resource "aws_route53_record" "certificate_validation" {
  for_each        = local.create_certificate && local.use_route53 ? toset([var.domain_name]) : toset([])
  zone_id         = var.route53_zone_id
  name            = local.validation_records[each.key].resource_record_name
  type            = local.validation_records[each.key].resource_record_type
  records         = [local.validation_records[each.key].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

# Waits until ACM has issued the certificate: with the zone outside Route 53, this apply waits (up to 75 minutes) for
# the records of the certificate_validation_records output to be created there (apply the certificate first with
# -target, create the records, then apply the rest).
resource "aws_acm_certificate_validation" "this" {
  count                   = local.create_certificate ? 1 : 0
  certificate_arn         = aws_acm_certificate.this[0].arn
  validation_record_fqdns = local.use_route53 ? [for record in aws_route53_record.certificate_validation : record.fqdn] : null
}

# --- DNS ---

resource "aws_route53_record" "alias_ipv4" {
  count   = local.use_route53 ? 1 : 0
  zone_id = var.route53_zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "alias_ipv6" {
  count   = local.use_route53 && var.dualstack ? 1 : 0
  zone_id = var.route53_zone_id
  name    = var.domain_name
  type    = "AAAA"

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = true
  }
}

# --- WAF ---

# Rules in order of cost: known-bad addresses first, then the per-address rate limit, then the request inspections.
# The managed groups' WCUs (IP reputation 25, known bad inputs 200, common 700) plus the rate rule stay under the
# 1,500 included in the web ACL's price.
resource "aws_wafv2_web_acl" "this" {
  name        = var.name
  description = "The public load balancer of ${var.name}"
  scope       = "REGIONAL"
  tags        = merge(var.tags, { Name = var.name })

  default_action {
    allow {}
  }

  rule {
    name     = "aws-ip-reputation"
    priority = 0

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAmazonIpReputationList"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-ip-reputation"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 1

    action {
      block {}
    }

    # The load balancer faces the internet directly (no CDN in front), so the source address is the client's.
    statement {
      rate_based_statement {
        limit                 = var.waf_rate_limit
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-common"
    priority = 2

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-known-bad-inputs"
    priority = 3

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "alb" {
  resource_arn = aws_lb.this.arn
  web_acl_arn  = aws_wafv2_web_acl.this.arn
}

# The WAF's log group is encrypted with a key of its own; CloudWatch Logs may use it for this log group only.
data "aws_iam_policy_document" "waf_logs_key" {
  statement {
    sid       = "AccountAdministersTheKey"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncryptsTheWafLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.waf_log_group_name}"]
    }
  }
}

resource "aws_kms_key" "waf_logs" {
  description             = "${var.name}: the WAF's request logs"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.waf_logs_key.json
  tags                    = merge(var.tags, { Name = "${var.name}-waf-logs" })
}

resource "aws_kms_alias" "waf_logs" {
  name          = "alias/${var.name}-waf-logs"
  target_key_id = aws_kms_key.waf_logs.key_id
}

# WAF only logs to a log group whose name starts with aws-waf-logs-.
resource "aws_cloudwatch_log_group" "waf" {
  name                        = local.waf_log_group_name
  retention_in_days           = var.access_log_retention_days
  kms_key_id                  = aws_kms_key.waf_logs.arn
  deletion_protection_enabled = var.deletion_protection
  tags                        = merge(var.tags, { Name = local.waf_log_group_name })
}

# Our own resource policy for the log delivery: otherwise WAF grows a shared AWSWAF-LOGS policy on every web ACL until
# it exceeds the policy size limit (the provider's documented workaround).
data "aws_iam_policy_document" "waf_log_delivery" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.waf.arn}:*"]
    principals {
      type        = "Service"
      identifiers = ["delivery.logs.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "waf" {
  policy_name     = "${var.name}-waf-log-delivery"
  policy_document = data.aws_iam_policy_document.waf_log_delivery.json
}

# Bearer tokens (Authorization) and the refresh-token cookie never reach the logs.
resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  redacted_fields {
    single_header {
      name = "cookie"
    }
  }

  depends_on = [aws_cloudwatch_log_resource_policy.waf]
}
