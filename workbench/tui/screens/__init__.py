"""Provides the workbench's screens, one per module.

Nothing is imported here: a screen's module loads when the screen first opens, so the first
frame waits only for the queue's. `workbench.tui.registry` imports every module of this
package when it needs the whole list (a user keymap to check, the help screen, the command
palette).
"""
