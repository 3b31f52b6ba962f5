# Each service between its min_count and max_count on CPU; the public one also on requests per task, spider-service
# also on its queue of jobs per task. Target tracking scales out when any policy asks and in only when all agree.

locals {
  # Scale out within a minute; scale in only after five (a burst often comes back).
  scale_out_cooldown = 60
  scale_in_cooldown  = 300

  # Scaled on its queue: a scrape mostly waits on Tabelog, so CPU says little about its backlog.
  queue_scaled = { for name, service in var.services : name => service if name == "spider-service" }
}

resource "aws_appautoscaling_target" "service" {
  for_each           = var.services
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.service[each.key].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = each.value.min_count
  max_capacity       = each.value.max_count
  tags               = merge(var.tags, { Name = "${var.name}-${each.key}", service = each.key })
}

resource "aws_appautoscaling_policy" "cpu" {
  for_each           = var.services
  name               = "${var.name}-${each.key}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.service[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.service[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.cpu_target_percent
    scale_out_cooldown = local.scale_out_cooldown
    scale_in_cooldown  = local.scale_in_cooldown

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "requests" {
  for_each           = { for name, service in var.services : name => service if service.public }
  name               = "${var.name}-${each.key}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.service[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.service[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.requests_per_target
    scale_out_cooldown = local.scale_out_cooldown
    scale_in_cooldown  = local.scale_in_cooldown

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = var.alb_request_count_label
    }
  }
}

# Pending jobs per running task. Every task reports the same PENDING count (read from the database): take the
# maximum, divide by the tasks ECS runs.
resource "aws_appautoscaling_policy" "queue" {
  for_each           = local.queue_scaled
  name               = "${var.name}-${each.key}-queue"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.service[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.service[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.spider_jobs_per_task
    scale_out_cooldown = local.scale_out_cooldown
    scale_in_cooldown  = local.scale_in_cooldown

    customized_metric_specification {
      metrics {
        id          = "queue"
        label       = "Pending jobs"
        return_data = false
        metric_stat {
          stat = "Maximum"
          metric {
            namespace   = var.metrics_namespace
            metric_name = "spider_job_queue_length"
            dimensions {
              name  = "service"
              value = each.key
            }
          }
        }
      }

      metrics {
        id          = "tasks"
        label       = "Running tasks"
        return_data = false
        metric_stat {
          stat = "Average"
          metric {
            namespace   = "ECS/ContainerInsights"
            metric_name = "RunningTaskCount"
            dimensions {
              name  = "ClusterName"
              value = aws_ecs_cluster.this.name
            }
            dimensions {
              name  = "ServiceName"
              value = aws_ecs_service.service[each.key].name
            }
          }
        }
      }

      metrics {
        id          = "jobs_per_task"
        label       = "Pending jobs per running task"
        expression  = "queue / tasks"
        return_data = true
      }
    }
  }
}
