<?xml version="1.0" encoding="UTF-8"?>
<!-- The console's dashboard: today and the last 30 days, deliveries by
     state, and what is stuck (provisioning over a day, deliveries waiting
     on their vendor over 5 days). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.nav.dashboard')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="d" select="dashboard"/>
    <h1><xsl:value-of select="m:t('admin.nav.dashboard')"/></h1>
    <table class="data admin-table metrics">
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col" class="num"><xsl:value-of select="m:t('admin.dash.today')"/></th>
          <th scope="col" class="num"><xsl:value-of select="m:t('admin.dash.month')"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$d/metric">
          <tr class="metric-{@name}">
            <th scope="row"><xsl:value-of select="m:t(concat('admin.dash.', @name))"/></th>
            <xsl:for-each select="today | month">
              <td class="num">
                <xsl:choose>
                  <xsl:when test="amount">
                    <xsl:call-template name="money"><xsl:with-param name="v" select="amount"/></xsl:call-template>
                    <span class="muted"> (<xsl:value-of select="@n"/>)</span>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="@n"/></xsl:otherwise>
                </xsl:choose>
              </td>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>

    <h2><xsl:value-of select="m:t('admin.dash.deliveries')"/></h2>
    <p class="open-appeals">
      <a href="/admin/deliveries?appealed=1"><xsl:value-of select="m:t('admin.dash.open_appeals', $d/deliveries/@open-appeals)"/></a>
    </p>
    <table class="data admin-table delivery-states">
      <tbody>
        <xsl:for-each select="$d/deliveries/state">
          <tr>
            <th scope="row">
              <a href="/admin/deliveries?status={@status}">
                <xsl:call-template name="status">
                  <xsl:with-param name="prefix" select="'delivery.status.'"/>
                  <xsl:with-param name="value" select="@status"/>
                </xsl:call-template>
              </a>
            </th>
            <td class="num"><xsl:value-of select="@n"/></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not($d/deliveries/state)">
          <tr><td class="muted"><xsl:value-of select="m:t('admin.none')"/></td></tr>
        </xsl:if>
      </tbody>
    </table>

    <h2 id="slow-instances"><xsl:value-of select="m:t('admin.dash.slow_instances', $d/slow-instances/@n)"/></h2>
    <xsl:choose>
      <xsl:when test="$d/slow-instances/instance">
        <table class="data admin-table">
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="m:t('admin.instance')"/></th>
              <th scope="col"><xsl:value-of select="m:t('admin.vendor')"/></th>
              <th scope="col"><xsl:value-of select="m:t('admin.product')"/></th>
              <th scope="col"><xsl:value-of select="m:t('admin.created')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$d/slow-instances/instance">
              <tr>
                <td><xsl:value-of select="@no"/></td>
                <td><a href="/admin/vendors/{@vendor}"><xsl:value-of select="@vendor"/></a></td>
                <td><xsl:value-of select="."/></td>
                <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.none')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2 id="idle-deliveries"><xsl:value-of select="m:t('admin.dash.idle_deliveries', $d/idle-deliveries/@n)"/></h2>
    <p class="muted"><xsl:value-of select="m:t('admin.dash.idle_note')"/></p>
    <xsl:choose>
      <xsl:when test="$d/idle-deliveries/delivery">
        <table class="data admin-table">
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="m:t('admin.delivery')"/></th>
              <th scope="col"><xsl:value-of select="m:t('admin.vendor')"/></th>
              <th scope="col"><xsl:value-of select="m:t('delivery.status')"/></th>
              <th scope="col"><xsl:value-of select="m:t('admin.last_step')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$d/idle-deliveries/delivery">
              <tr>
                <td><a href="/admin/deliveries/{@no}"><xsl:value-of select="@no"/></a></td>
                <td><a href="/admin/vendors/{@vendor}"><xsl:value-of select="@vendor"/></a></td>
                <td>
                  <xsl:call-template name="status">
                    <xsl:with-param name="prefix" select="'delivery.status.'"/>
                    <xsl:with-param name="value" select="@status"/>
                  </xsl:call-template>
                </td>
                <td><xsl:call-template name="time"><xsl:with-param name="t" select="@last-step"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
