"""The interactive timeline page and the HTML reports: the render stage of the pipeline."""

from mediespor.timeline.render import RenderReport, render_all

__all__ = ["RenderReport", "render_all"]
