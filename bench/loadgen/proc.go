package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// userHZ is the unit of utime/stime in /proc/PID/stat; the kernel fixes it at
// 100 for user space on every architecture this runs on.
const userHZ = 100

// processCPUSeconds is the user+system CPU time this process has used so far.
func processCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// pidCPUSeconds is the user+system CPU time of process pid (all its threads).
func pidCPUSeconds(pid int) (float64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name may contain spaces; the fields after it are fixed.
	s := string(data)
	end := strings.LastIndexByte(s, ')')
	if end < 0 {
		return 0, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	fields := strings.Fields(s[end+1:])
	// fields[0] is the state (field 3); utime and stime are fields 14 and 15.
	if len(fields) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bad /proc/%d/stat", pid)
	}
	return float64(utime+stime) / userHZ, nil
}

// cpuMeter measures the CPU time used by this process and, when a pid was
// given and /proc can be read, by the server process between two points.
type cpuMeter struct {
	pid         int
	serverStart float64
	serverOK    bool
	clientStart float64
}

func (m *cpuMeter) begin(pid int) {
	m.pid = pid
	m.clientStart = processCPUSeconds()
	if pid <= 0 {
		return
	}
	v, err := pidCPUSeconds(pid)
	m.serverStart, m.serverOK = v, err == nil
}

// end adds the CPU seconds used since begin, and the share of one core over
// the given wall-clock seconds, to r.
func (m *cpuMeter) end(r result, seconds float64) {
	pct := func(cpu float64) float64 {
		if seconds <= 0 {
			return 0
		}
		return round(100*cpu/seconds, 1)
	}
	client := processCPUSeconds() - m.clientStart
	r["client_cpu_s"] = round(client, 3)
	r["client_cpu_pct"] = pct(client)
	if !m.serverOK {
		return
	}
	v, err := pidCPUSeconds(m.pid)
	if err != nil {
		return
	}
	r["server_cpu_s"] = round(v-m.serverStart, 3)
	r["server_cpu_pct"] = pct(v - m.serverStart)
}
